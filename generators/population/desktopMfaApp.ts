/**
 * The application a Mac's login-window MFA plug-in signs in to at the IdP (Okta Device Access's Desktop MFA): the one
 * application of a world that is not among `population.apps`, so an outage can be scoped to it.
 */
export const DESKTOP_MFA_APP = 'Okta Device Access (Desktop MFA)';
