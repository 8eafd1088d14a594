// tidy/secret-id (builtin/credential/approle/path_tidy_user_id.go): Vault tidies in the background
// and answers 202 at once; here the tidy is done by the time the answer goes out.
import type { PathSpec } from '../../framework/path.js';
import { approleMessages as m } from './messages.js';
import type { StoreOf, AppRoleStore } from './records.js';

export function tidyPaths(storeOf: StoreOf): PathSpec[] {
  return [
    {
      pattern: 'tidy/secret-id',
      operations: {
        update: (req) => {
          storeOf(req).tidy(req.now);
          // logical.RespondWithStatusCode: the envelope is built inside the backend.
          return { data: null, warnings: [m.tidyStarted], statusCode: 202 };
        },
      },
      help: { synopsis: 'Trigger the clean-up of expired SecretID entries.' },
    },
  ];
}
