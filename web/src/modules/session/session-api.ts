import type { Role } from '@cityloop/contracts/roles';
import { http } from '../../platform/http';

export interface CurrentUser {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  cityCode: string;
  unitId: string | null;
  regionId: string | null;
}

export const sessionApi = {
  me: () => http.get<CurrentUser>('/api/auth/me'),
  login: (login: string, password: string) =>
    http.post<{ token: string; user: CurrentUser }>('/api/auth/login', { login, password }),
  logout: () => http.post<{ ok: true }>('/api/auth/logout'),
};
