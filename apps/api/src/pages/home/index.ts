import { DirectoryModule } from '@dasv/directory';
import { ElearningModule } from '@dasv/elearning';
import { LearningReportsModule } from '@dasv/learning-reports';
import { NominationsModule } from '@dasv/nominations';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { PageArea } from '../shared/page-area';
import { HomeController } from './home.controller';
import { HomeView } from './home.view';

/** The home page: what needs each person's attention, what the service offers, and a way in for each role. */
export const HOME_PAGES: PageArea = {
  imports: [NominationsModule, LearningReportsModule, ElearningModule, DirectoryModule, OrganisationsModule, UsersModule],
  controllers: [HomeController],
  providers: [HomeView],
};
