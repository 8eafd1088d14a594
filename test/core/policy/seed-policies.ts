// Policies from the seed documents in shared/seeds/.
// The payments policy survives intact (test/hcl/seed-snippets.ts restores its line breaks). The
// db-consumer policy's heredoc body was lost from its seed (only `vault policy write db-consumer - <`
// remains); it is rebuilt here from what that seed and issue #3 say it grants: reading
// database/creds/app-readonly and renewing and revoking leases.
export { seedPaymentsPolicy } from '../../hcl/seed-snippets.js';

export const DB_CONSUMER_POLICY = `# Create policy for database secret consumers
path "database/creds/app-readonly" {
  capabilities = ["read"]
}
path "sys/leases/renew" {
  capabilities = ["update"]
}
path "sys/leases/revoke" {
  capabilities = ["update"]
}
`;
