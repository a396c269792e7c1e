import { PageArea } from '../shared/page-area';
import { PasswordResetController } from './password-reset.controller';
import { SignInController } from './sign-in.controller';

/** Signing in and out, and resetting a forgotten password. */
export const AUTH_PAGES: PageArea = { imports: [], controllers: [SignInController, PasswordResetController], providers: [] };
