import { installTracing, runUntilSignalled, tracingSettingsFromEnv } from '@hub/kit';
import { gatewayConfigFromEnv } from './config';
import { createGatewayServer } from './server';

runUntilSignalled(async () => {
  const config = gatewayConfigFromEnv(); // checks the OTEL_* variables with the others
  const tracing = await installTracing({ serviceName: 'gateway', settings: tracingSettingsFromEnv() });
  try {
    const gateway = await createGatewayServer(config);
    return {
      async stop() {
        await gateway.stop();
        await tracing.stop(); // exports the spans still batched
      },
    };
  } catch (error) {
    await tracing.stop();
    throw error;
  }
});
