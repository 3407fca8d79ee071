export { AppConfig, ConfigurationError, loadConfig } from './app-config';
export { APP_CONFIG, ConfigModule } from './config.module';
