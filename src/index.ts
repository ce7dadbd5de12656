// The Action's entry: everything lives in run(), so tests can call it directly.
import { run } from './main';

void run();
