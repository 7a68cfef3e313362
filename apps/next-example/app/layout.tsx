import '@stepline/react/styles.css';
import type { ReactNode } from 'react';
import { Providers } from './providers';

export const metadata = { title: 'Stepline × Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body
        className="stepline-theme"
        style={{ fontFamily: 'system-ui', margin: '2rem auto', maxWidth: 960 }}
      >
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
