import { DeadEnd } from '@/components/auth/dead-end';

export default function Forbidden() {
  return <DeadEnd kind="forbidden" />;
}
