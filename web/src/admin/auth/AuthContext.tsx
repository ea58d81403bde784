import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isApiError, setUnauthorizedHandler } from '../../api';
import { auth } from '../../shared/endpoints';
import type { AuthStage, AuthState, Me, Role } from '../../shared/types';

export type AuthStatus = 'loading' | 'anonymous' | 'pending' | 'active';

interface AuthContextValue {
  status: AuthStatus;
  /** The step still to do when status is 'pending': second factor or enrollment. */
  stage: AuthStage | null;
  user: Me | null;
  /** A network or server problem while checking the session (not "not signed in"). */
  probeError: string | null;
  apply: (state: AuthState) => void;
  updateUser: (patch: Partial<Me>) => void;
  signOut: () => Promise<void>;
  recheck: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [stage, setStage] = useState<AuthStage | null>(null);
  const [user, setUser] = useState<Me | null>(null);
  const [probeError, setProbeError] = useState<string | null>(null);

  const apply = useCallback((state: AuthState) => {
    setStage(state.stage);
    setUser(state.user ?? null);
    setStatus(state.stage === 'active' && state.user ? 'active' : 'pending');
  }, []);

  const reset = useCallback(() => {
    setStage(null);
    setUser(null);
    setStatus('anonymous');
  }, []);

  const recheck = useCallback(() => {
    setStatus('loading');
    setProbeError(null);
    auth
      .session()
      .then(apply)
      .catch((error: unknown) => {
        if (!isApiError(error) || error.status >= 500) {
          setProbeError(isApiError(error) ? error.problem.title : '无法连接服务器');
        }
        reset();
      });
  }, [apply, reset]);

  useEffect(recheck, [recheck]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      reset();
      const { pathname, search } = window.location;
      if (pathname.startsWith('/admin/login')) return;
      navigate(`/admin/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, reset]);

  const signOut = useCallback(async () => {
    try {
      await auth.logout();
    } catch {
      // A session still waiting for its second factor cannot be ended by the server; forget it here.
    } finally {
      reset();
      navigate('/admin/login', { replace: true });
    }
  }, [navigate, reset]);

  const updateUser = useCallback((patch: Partial<Me>) => {
    setUser((current) => (current ? { ...current, ...patch } : current));
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({ status, stage, user, probeError, apply, updateUser, signOut, recheck }),
    [status, stage, user, probeError, apply, updateUser, signOut, recheck],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for pages rendered behind RequireAuth. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a signed-in user');
  return user;
}

export function hasRole(user: Me | null, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

export function useIsAdministrator(): boolean {
  const { user } = useAuth();
  return hasRole(user, 'administrator');
}
