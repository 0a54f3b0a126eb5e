/** The signed-in person on whose behalf a domain function runs. */
export interface Actor {
  userId: string;
  email: string;
  name?: string | null;
}
