/** The cards engine's worker thread (see CardsEngine). */
import { serveTasks } from '../taskWorker.ts';
import { createCardsTasks, type CardsTask, type CardsTaskResult } from './tasks.ts';

serveTasks<CardsTask, CardsTaskResult>(createCardsTasks());
