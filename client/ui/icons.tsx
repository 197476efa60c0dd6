import type { ReactNode, SVGProps } from 'react';

/**
 * Inline stroke icons (24×24 grid, drawn for this app) so the toolbar needs no
 * icon font or extra request, and inherits colour from the text.
 */
export type IconProps = SVGProps<SVGSVGElement> & { size?: number };

/** The frame every icon shares: the 24×24 grid, stroke and accessibility attributes. */
export function IconSvg({ size = 18, children, ...rest }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

/** Makes a named icon component from its paths; feature folders add their own with it. */
export function icon(name: string, paths: ReactNode) {
  function Icon(props: IconProps) {
    return <IconSvg {...props}>{paths}</IconSvg>;
  }
  Icon.displayName = `Icon${name}`;
  return Icon;
}

export const IconBold = icon(
  'Bold',
  <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z" />,
);
export const IconItalic = icon('Italic', <path d="M19 5h-9M14 19H5M15 5 9 19" />);
export const IconUnderline = icon('Underline', <path d="M7 4v6a5 5 0 0 0 10 0V4M5 20h14" />);
export const IconStrike = icon(
  'Strike',
  <path d="M16 7.5C15.4 5.7 13.9 5 12 5c-2.5 0-4 1.3-4 3 0 1.2.7 2.1 2.3 2.7M4 12h16M8 16.5c.6 1.8 2.1 2.5 4 2.5 2.5 0 4-1.3 4-3 0-.6-.1-1-.4-1.5" />,
);
export const IconCode = icon('Code', <path d="m9 8-4 4 4 4M15 8l4 4-4 4" />);
export const IconLink = icon(
  'Link',
  <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />,
);
export const IconBulletList = icon(
  'BulletList',
  <path d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" strokeWidth={2.2} />,
);
export const IconOrderedList = icon(
  'OrderedList',
  <path d="M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 15.2c.3-.7.9-1.2 1.7-1.2.9 0 1.5.6 1.5 1.3 0 1.3-3.2 2-3.2 3.7h3.3" />,
);
export const IconQuote = icon(
  'Quote',
  <path d="M5 18h4v-5H6c0-2.5 1-4 3-5M14 18h4v-5h-3c0-2.5 1-4 3-5" />,
);
export const IconCodeBlock = icon(
  'CodeBlock',
  <>
    <rect x="3" y="4" width="18" height="16" rx="2.5" />
    <path d="m10 10-2 2 2 2M14 10l2 2-2 2" />
  </>,
);
export const IconRule = icon('Rule', <path d="M4 12h16M4 6h.01M4 18h.01M20 6h.01M20 18h.01" />);
export const IconTable = icon(
  'Table',
  <>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 10h18M3 15h18M9 10v10M15 10v10" />
  </>,
);
export const IconRowAdd = icon(
  'RowAdd',
  <>
    <rect x="3" y="4" width="18" height="8" rx="1.5" />
    <path d="M12 15v6M9 18h6" />
  </>,
);
export const IconRowDelete = icon(
  'RowDelete',
  <>
    <rect x="3" y="4" width="18" height="8" rx="1.5" />
    <path d="M9 18h6" />
  </>,
);
export const IconColumnAdd = icon(
  'ColumnAdd',
  <>
    <rect x="4" y="3" width="8" height="18" rx="1.5" />
    <path d="M15 12h6M18 9v6" />
  </>,
);
export const IconColumnDelete = icon(
  'ColumnDelete',
  <>
    <rect x="4" y="3" width="8" height="18" rx="1.5" />
    <path d="M15 12h6" />
  </>,
);
export const IconTableDelete = icon(
  'TableDelete',
  <>
    <path d="M12 20H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v6M3 10h18M9 10v10" />
    <path d="m16 16 5 5M21 16l-5 5" />
  </>,
);
export const IconUndo = icon('Undo', <path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />);
export const IconRedo = icon('Redo', <path d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />);
export const IconParagraph = icon(
  'Paragraph',
  <path d="M13 4v16M17 4v16M19 4H9.5a4.5 4.5 0 0 0 0 9H13" />,
);
export const IconArrowLeft = icon('ArrowLeft', <path d="M19 12H5M11 18l-6-6 6-6" />);
export const IconPlus = icon('Plus', <path d="M12 5v14M5 12h14" />);
export const IconSearch = icon(
  'Search',
  <>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m20 20-4.2-4.2" />
  </>,
);
export const IconPencil = icon(
  'Pencil',
  <path d="M4 20h4L19 9a2.8 2.8 0 0 0-4-4L4 16zM13.5 6.5l4 4" />,
);
export const IconTrash = icon(
  'Trash',
  <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />,
);
export const IconX = icon('X', <path d="M18 6 6 18M6 6l12 12" />);
export const IconCheck = icon('Check', <path d="m5 12.5 4.5 4.5L19 7.5" />);
export const IconCloudOff = icon(
  'CloudOff',
  <path d="m3 3 18 18M8.5 6.2A6 6 0 0 1 17.7 10H18a4 4 0 0 1 2.3 7.3M17 18H7a5 5 0 0 1-1.6-9.7" />,
);
export const IconAlert = icon(
  'Alert',
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5h.01" />
  </>,
);
export const IconDocument = icon(
  'Document',
  <>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M9 13h6M9 17h4" />
  </>,
);
export const IconCards = icon(
  'Cards',
  <>
    <rect x="4" y="7" width="13" height="13" rx="2" />
    <path d="M8 4h10a2 2 0 0 1 2 2v10" />
  </>,
);
export const IconUnlink = icon(
  'Unlink',
  <path d="M15.7 14 18.7 11a4 4 0 0 0-5.7-5.7l-1 1M8.3 10l-3 3a4 4 0 0 0 5.7 5.7l1-1M4 4l16 16" />,
);
export const IconEye = icon(
  'Eye',
  <>
    <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z" />
    <circle cx="12" cy="12" r="3" />
  </>,
);
export const IconEyeOff = icon(
  'EyeOff',
  <path d="M3 3l18 18M10.6 5.6A9.6 9.6 0 0 1 12 5.5c6 0 9.5 6.5 9.5 6.5a17 17 0 0 1-2.6 3.4M6.6 6.6C4 8.3 2.5 12 2.5 12S6 18.5 12 18.5c1.8 0 3.4-.6 4.7-1.4M9.9 9.9a3 3 0 0 0 4.2 4.2" />,
);
export const IconUsers = icon(
  'Users',
  <>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.6a3.5 3.5 0 0 1 0 6.8M18.5 14.2A6.5 6.5 0 0 1 21.5 20" />
  </>,
);
export const IconUserPlus = icon(
  'UserPlus',
  <>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0M19 8v6M16 11h6" />
  </>,
);
export const IconShield = icon(
  'Shield',
  <path d="M12 3 4.5 6v5.5c0 4.6 3.1 8.2 7.5 9.5 4.4-1.3 7.5-4.9 7.5-9.5V6z" />,
);
export const IconSignOut = icon(
  'SignOut',
  <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4M10 16l-4-4 4-4M6 12h10" />,
);
export const IconKey = icon(
  'Key',
  <>
    <circle cx="8" cy="15" r="4" />
    <path d="m11 12 9-9M16.5 6.5l2.5 2.5M14 9l2 2" />
  </>,
);
export const IconCopy = icon(
  'Copy',
  <>
    <rect x="8" y="8" width="12" height="12" rx="2" />
    <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
  </>,
);
export const IconLock = icon(
  'Lock',
  <>
    <rect x="5" y="10.5" width="14" height="10" rx="2" />
    <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
  </>,
);
export const IconChevronDown = icon('ChevronDown', <path d="m6 9 6 6 6-6" />);
export const IconList = icon('List', <path d="M4 6h16M4 12h16M4 18h10" />);
export const IconRefresh = icon(
  'Refresh',
  <path d="M20 11a8 8 0 0 0-14.6-4.5L4 8M4 4v4h4M4 13a8 8 0 0 0 14.6 4.5L20 16M20 20v-4h-4" />,
);
export const IconMore = icon('More', <path d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth={3} />);
