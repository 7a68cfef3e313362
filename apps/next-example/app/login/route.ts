import { demoUser, demoUserCookie } from '../demo-user';

/** Signs in as the demo user and goes back to the runs list. */
export function GET(request: Request) {
  return new Response(null, {
    status: 303,
    headers: {
      Location: new URL('/', request.url).toString(),
      'Set-Cookie': `${demoUserCookie}=${demoUser}; Path=/; HttpOnly; SameSite=Lax`,
    },
  });
}
