import { createContext, useContext } from 'react';
import type { Fact, RecommendedAction } from '../../shared/cards.ts';
import type { CardsLookup } from './useCards.ts';

export interface CardsContextValue {
  lookup: CardsLookup;
  /**
   * Puts a fact (or a recommended action) into the brief with its citation;
   * null when this person cannot edit the brief (role, or the brief is closed).
   */
  insert: ((item: Fact | RecommendedAction) => boolean) | null;
}

const CardsContext = createContext<CardsContextValue | null>(null);

export const CardsContextProvider = CardsContext.Provider;

/** What every card needs, without threading it through each list and section. */
export function useCardsContext(): CardsContextValue {
  const value = useContext(CardsContext);
  if (!value) throw new Error('Card views must be rendered inside the cards sidebar.');
  return value;
}
