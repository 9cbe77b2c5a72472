import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, StrictMode, useState } from 'react';
import { createQueryClient } from '../platform/query-client';
import '../platform/time';

const theme = {
  token: {
    colorPrimary: '#0b5cad',
    borderRadius: 4,
    fontFamily:
      '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif',
  },
};

/** Chinese locale, theme, message/notification context and the query cache for both apps. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return (
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={theme}>
        <AntApp>
          <QueryClientProvider client={client}>{children}</QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>
  );
}
