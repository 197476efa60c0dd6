import type { OrgRole } from '../../shared/roles.ts';

export const ORG_ROLE_LABELS: Record<OrgRole, string> = {
  admin: 'Administrator',
  manager: 'Manager',
  staff: 'Staff',
};
