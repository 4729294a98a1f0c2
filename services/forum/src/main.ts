import 'reflect-metadata';
import { runUntilSignalled } from '@hub/kit';
import { forumConfigFromEnv } from './config';
import { createForumServer } from './server';

runUntilSignalled(() => createForumServer(forumConfigFromEnv()));
