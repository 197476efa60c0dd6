import { initialsOf } from '../../shared/colors.ts';

interface AvatarProps {
  name: string;
  color: string;
  size?: number;
  /** Draws a ring to mark the current person in a row of avatars. */
  ring?: boolean;
}

/** Initials on the person's presence colour; decorative, so callers name it. */
export function Avatar({ name, color, size = 28, ring = false }: AvatarProps) {
  return (
    <span
      className={ring ? 'avatar avatar--ring' : 'avatar'}
      style={{ backgroundColor: color, width: size, height: size, fontSize: size * 0.4 }}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
}
