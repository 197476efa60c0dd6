/*
 * Icons of the history panel and export, made with the shared factory so
 * they sit on the same 24×24 grid and stroke as the rest of the app.
 */
import { icon } from '../ui/icons.tsx';

export const IconHistory = icon(
  'History',
  <path d="M3.5 12a8.5 8.5 0 1 0 2.5-6M3.5 4v4h4M12 7.5V12l3 2" />,
);
export const IconBookmark = icon('Bookmark', <path d="M7 4h10v16l-5-3.5L7 20z" />);
export const IconRestore = icon('Restore', <path d="M4 12a8 8 0 1 0 2.4-5.7L4 8.5M4 4v4.5h4.5" />);
export const IconDownload = icon('Download', <path d="M12 4v11M7 10.5l5 5 5-5M5 20h14" />);
export const IconBadgeCheck = icon(
  'BadgeCheck',
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="m8.5 12.3 2.4 2.4 4.6-4.9" />
  </>,
);
export const IconCompare = icon(
  'Compare',
  <path d="M8 4v16M16 4v16M4 8h4M16 16h4M4 16h4M16 8h4" />,
);
export const IconPrinter = icon(
  'Printer',
  <>
    <path d="M7 9V4h10v5M7 17H5a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-2" />
    <rect x="7" y="14" width="10" height="6" rx="1" />
  </>,
);
