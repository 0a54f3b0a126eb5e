// `npm run email:dev`: renders every email template with its preview data to .artifacts/emails/ (HTML
// and plain text) and says where; with `npm run dev` running, /dev/emails shows the same in the browser.
import fs from 'node:fs';
import path from 'node:path';
import { renderPreviews } from '@/emails/render';

const out = path.resolve('.artifacts/emails');
fs.mkdirSync(out, { recursive: true });
for (const { name, email } of await renderPreviews()) {
  fs.writeFileSync(path.join(out, `${name}.html`), email.html);
  fs.writeFileSync(path.join(out, `${name}.txt`), `Subject: ${email.subject}\n\n${email.text}`);
  console.log(`${name}: ${path.join(out, `${name}.html`)} (subject: ${email.subject})`);
}
console.log('With `npm run dev` running, open http://localhost:3000/dev/emails to see them in the browser.');
