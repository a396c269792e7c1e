import { ChasingModule } from '@dasv/chasing';
import { PageArea } from '../shared/page-area';
import { ChasingPagesController } from './chasing-pages.controller';
import { ChasingPagesView } from './chasing-pages.view';

/** Chasing an organisation asked by a return: where it stands, the log, chasing by hand, pausing and resuming. */
export const CHASING_PAGES: PageArea = {
  imports: [ChasingModule],
  controllers: [ChasingPagesController],
  providers: [ChasingPagesView],
};
