/**
 * The profile name vendors show for a login when the canonical event carries none: `lena.varga@example.org` →
 * `Lena Varga` (Okta's `actor.displayName`, Entra's `userDisplayName`). A local part with no letters keeps the login.
 */
export function displayNameOf(login: string): string {
  const local = login.split('@')[0];
  const words = local.split(/[._\-+]+/).filter((w) => w !== '');
  if (words.length === 0) return login;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}
