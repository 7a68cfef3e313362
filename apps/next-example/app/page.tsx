import { cookies } from 'next/headers';
import { demoUser, demoUserCookie } from './demo-user';
import { RunsList } from './runs-list';

export default async function Home() {
  const signedIn = (await cookies()).get(demoUserCookie)?.value === demoUser;
  if (!signedIn) {
    return (
      <main>
        <h1>Runs</h1>
        <a href="/login">Sign in as {demoUser}</a>
      </main>
    );
  }
  return (
    <main>
      <h1>Runs</h1>
      <RunsList workflowId="content-brief" inputData={{ topic: 'Tidal power' }} />
      <RunsList workflowId="slow-pipeline" inputData={{ label: 'next example' }} />
    </main>
  );
}
