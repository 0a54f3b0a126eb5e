// Typed messages: a key that is not in messages/en.json, or a message called without its arguments, fails
// the typecheck (next-intl's AppConfig, which use-intl declares and next-intl re-exports).
import type { formats, Messages } from './messages';
import type { Locale } from './locales';

declare module 'use-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
    Formats: typeof formats;
  }
}
