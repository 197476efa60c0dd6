/**
 * Icons only the sidebar uses, drawn in the shared icon frame (kept here so
 * the shared set stays the toolbar's).
 */
import { IconSvg as Svg, type IconProps } from '../ui/icons.tsx';

/** A panel docked on the right, with an arrow: collapse (points right) or expand (left). */
export function IconPanelRight({ collapse, ...props }: IconProps & { collapse: boolean }) {
  return (
    <Svg {...props}>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2.5" />
      <path d="M15 4.5v15" />
      <path d={collapse ? 'm8 10 2 2-2 2' : 'm10 10-2 2 2 2'} />
    </Svg>
  );
}

export function IconUpload(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 15V4M7.5 8.5 12 4l4.5 4.5M5 15v3.5A1.5 1.5 0 0 0 6.5 20h11a1.5 1.5 0 0 0 1.5-1.5V15" />
    </Svg>
  );
}

export function IconGlobe(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17M12 3.5c2.3 2.4 3.5 5.2 3.5 8.5s-1.2 6.1-3.5 8.5c-2.3-2.4-3.5-5.2-3.5-8.5S9.7 5.9 12 3.5Z" />
    </Svg>
  );
}

/** Six dots: "this can be dragged". Filled dots, so it reads at small sizes. */
export function IconGrip(props: IconProps) {
  return (
    <Svg {...props} stroke="none" fill="currentColor">
      {[9, 15].map((cx) =>
        [6, 12, 18].map((cy) => <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r="1.6" />),
      )}
    </Svg>
  );
}
