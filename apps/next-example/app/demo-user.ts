// The example's stand-in for real sign-in: a cookie naming the user. A real app reads its session here.
export const demoUserCookie = 'stepline-demo-user';
export const demoUser = 'ada';

/** The signed-in user of a request to the route, or undefined. */
export function userOf(request: Request): string | undefined {
  const cookies = request.headers.get('cookie') ?? '';
  const match = new RegExp(`(?:^|;\\s*)${demoUserCookie}=([^;]+)`).exec(cookies);
  return match?.[1] === demoUser ? demoUser : undefined;
}
