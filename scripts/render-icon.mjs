import { chromium } from 'playwright-core';
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
<rect x="4" y="4" width="120" height="120" rx="26" fill="#0b5cad"/>
<rect x="22" y="38" width="84" height="56" rx="8" fill="#fff"/>
<path d="M24 42 L64 70 L104 42" fill="none" stroke="#0b5cad" stroke-width="8" stroke-linejoin="round" stroke-linecap="round"/>
<circle cx="98" cy="94" r="22" fill="#1e9e4a" stroke="#fff" stroke-width="6"/>
<path d="M87 94 L95 102 L110 86" fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--headless=new'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 96, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
}
await browser.close();
