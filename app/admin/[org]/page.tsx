import { redirect } from 'next/navigation';

export default async function ConsoleIndex({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  redirect(`/admin/${org}/users`);
}
