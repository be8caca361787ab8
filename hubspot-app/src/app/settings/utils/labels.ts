import type { Motion, Role } from '../types/people';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  partner_manager: 'Partner manager',
  deal_desk: 'Deal desk',
  sales_manager: 'Sales manager',
  seller: 'Seller',
};

const MOTION_LABELS: Record<Motion, string> = {
  referral: 'Referral',
  resale: 'Resale',
  services: 'Services',
  technology: 'Technology',
  influence: 'Influence',
};

// A role or motion the service added after this page was built is shown as the service spells it.
export const roleLabel = (role: string): string => ROLE_LABELS[role as Role] ?? role;
export const motionLabel = (motion: string): string => MOTION_LABELS[motion as Motion] ?? motion;

export const listOf = (items: string[], label: (item: string) => string = (item) => item): string =>
  items.length === 0 ? '—' : items.map(label).join(', ');
