// plugins/database/postgresql/scram: the SCRAM-SHA-256 verifier Vault sends instead of the clear
// password when password_authentication is scram-sha-256 (16-byte salt, 4096 iterations).
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';

export function scramSha256Verifier(password: string, salt: Buffer, iterations = 4096): string {
  const digest = pbkdf2Sync(Buffer.from(password), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', digest).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', digest).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
