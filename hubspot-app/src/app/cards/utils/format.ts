import type { Clock, Money, PartnerRole, RegistrationStatus } from '../types/common';

export const formatMoney = ({ amountMinor, currency }: Money): string => {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amountMinor / 100,
    );
  } catch {
    return `${(amountMinor / 100).toFixed(0)} ${currency}`;
  }
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Nov 2026, 14:05 UTC": the same text for every viewer and every test run. */
export const formatDateTime = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
};

export const formatDate = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

/** "2 days 5 hours left", "overdue by 3 hours". */
export const formatHoursLeft = (clock: Clock): string => {
  const hours = Math.abs(clock.hoursLeft);
  const text = hours >= 48 ? `${Math.floor(hours / 24)} days` : `${hours} hour${hours === 1 ? '' : 's'}`;
  return clock.overdue ? `overdue by ${text}` : `${text} left`;
};

const STATUS_LABELS: Record<RegistrationStatus, string> = {
  submitted: 'Submitted',
  in_review: 'In review',
  info_requested: 'Waiting for partner info',
  pending_second_approval: 'Override awaiting a second approver',
  approved: 'Approved',
  extended: 'Approved (extended)',
  rejected: 'Rejected',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
  won: 'Won',
  lost: 'Lost',
};
export const statusLabel = (status: RegistrationStatus): string => STATUS_LABELS[status];

export type TagVariant = 'danger' | 'warning' | 'info' | 'success' | 'default';
export const statusVariant = (status: RegistrationStatus): TagVariant => {
  switch (status) {
    case 'approved':
    case 'extended':
    case 'won':
      return 'success';
    case 'submitted':
    case 'in_review':
      return 'info';
    case 'info_requested':
    case 'pending_second_approval':
      return 'warning';
    case 'rejected':
      return 'danger';
    default:
      return 'default';
  }
};

const ROLE_LABELS: Record<PartnerRole, string> = {
  sourced: 'Sourced',
  influenced: 'Influenced',
  co_sell: 'Co-sell',
  fulfilment: 'Fulfilment',
};
export const roleLabel = (role: PartnerRole): string => ROLE_LABELS[role];
