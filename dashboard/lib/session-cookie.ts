/** The cookie that holds the signed-in user's token (httpOnly, SameSite=Lax): read by the pages and by `proxy.ts`. */
export const sessionCookie = 'kdn_session';
