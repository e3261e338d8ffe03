export default defineBackground(() => {
  // Message handling arrives with the content-script issue; the worker exists so the build and e2e harness do.
});
