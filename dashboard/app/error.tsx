'use client';

import { ErrorState } from '../components/ErrorState.tsx';
import { ui } from '../lib/labels.ts';

/** Anything a page did not expect; a gateway that does not answer has its own message. */
export default function ErrorPage() {
  return <ErrorState {...ui.unexpectedError} retry={ui.retry} />;
}
