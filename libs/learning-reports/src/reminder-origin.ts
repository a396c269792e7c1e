/** Who asked for a run of reminders: an administrator's click, or their organisation's monthly schedule. */
export enum ReminderOrigin {
  ADMIN = 'ADMIN',
  SCHEDULE = 'SCHEDULE',
}
