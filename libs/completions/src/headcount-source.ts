export enum HeadcountSource {
  STAFF_LIST = 'STAFF_LIST',
  ADMIN = 'ADMIN',
}
