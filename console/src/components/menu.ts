/** Which pages each role works in: the menu shows these, and signing in opens the first. */
import type { Role } from '../../../domain/vocabulary';
import type { Messages } from '../i18n/en';
import { paths } from '../router';

export type MenuKey = keyof Messages['nav'];

const menus: Record<Role, MenuKey[]> = {
  clerk: ['file', 'cases', 'escalations'],
  officer: ['cases', 'file', 'escalations', 'stats'],
  supervisor: ['escalations', 'stats', 'cases', 'file'],
  board_member: ['inbox', 'cases'],
  engineer: ['cases', 'escalations', 'stats'],
  party: ['cases'],
};

export const menuOf = (role: Role): MenuKey[] => menus[role];
export const homeOf = (role: Role): string => paths[menus[role][0] ?? 'cases'];
