import { createPageRouter, type PageRouterDeps } from '@/background/page-router';

// Component tests of the popup and the wizard run the real background handler for their requests
// (background/page-router.ts), with only the tab (sendToTab, currentTabUrl) stood in: the components
// themselves may not import background/ (eslint.config.js), a test helper may.
export { createPageRouter, type PageRouterDeps };
