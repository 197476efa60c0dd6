import type {
  AddSourceRequest,
  AddSourceResponse,
  ListSourcesResponse,
  SourceSummary,
  SourceTextResponse,
} from '../../shared/api.ts';
import type { CardsIndex, RankedCards } from '../../shared/cards.ts';
import { request } from '../api.ts';

export async function getCards(signal?: AbortSignal): Promise<CardsIndex> {
  return (await request<{ cards: CardsIndex }>('GET', '/api/cards', { signal })).cards;
}

export async function getRelevantCards(text: string, signal?: AbortSignal): Promise<RankedCards> {
  const body = { text };
  return (await request<{ relevant: RankedCards }>('POST', '/api/cards/relevant', { body, signal }))
    .relevant;
}

export async function listSources(signal?: AbortSignal): Promise<SourceSummary[]> {
  return (await request<ListSourcesResponse>('GET', '/api/sources', { signal })).sources;
}

export async function getSource(id: string, signal?: AbortSignal): Promise<SourceTextResponse> {
  return request<SourceTextResponse>('GET', `/api/sources/${encodeURIComponent(id)}`, { signal });
}

export async function addSource(body: AddSourceRequest): Promise<AddSourceResponse> {
  return request<AddSourceResponse>('POST', '/api/sources', { body });
}

export async function removeSource(id: string): Promise<void> {
  await request<void>('DELETE', `/api/sources/${encodeURIComponent(id)}`);
}
