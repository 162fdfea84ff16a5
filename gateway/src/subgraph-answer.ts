import type http from 'node:http';

/** A subgraph's answer to one fetch, its body read as one string. */
export interface Answer {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
