/** Where a completion was recorded: here, or imported from the e-LfH hub or ESR. */
export enum CompletionSource {
  PLATFORM = 'PLATFORM',
  ELFH = 'ELFH',
  ESR = 'ESR',
}
