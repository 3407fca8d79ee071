export { ResponseEvent } from './entities/response-event.entity';
export { ResponseRecorder, ResponseEventInput, RecordedResponse, StoredResponse } from './response-recorder';
export { ResponsesModule } from './responses.module';
export { responseEffect, ResponseEffect, ContactOutcomeOfResponse } from './domain/response-effect';
export { responsesEntities, responsesMigrations } from './schema';
export { ResponsesFeed, FedResponse, FeedPosition } from './responses.feed';
