'use client';

/** A page that could not be drawn: what happened, and a way to try again. */
export function ErrorState({ title, text, retry }: { title: string; text: string; retry: string }) {
  return (
    <div className="error-state" role="alert">
      <h1>{title}</h1>
      <p>{text}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {retry}
      </button>
    </div>
  );
}
