export * from './clock';
export * from './errors';
export * from './pagination';
export * from './request-loaders';
export * from './request-context';
export * from './loaders.decorator';
export * from './clock.module';
export * from './csv';
