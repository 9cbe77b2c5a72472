import { ApiError, NetworkError } from '../../platform/http';

// fetch() cannot report upload progress, so a large import is sent with XMLHttpRequest: the
// bar follows the bytes going out, then the page waits for the server to process them.

export interface UploadCallbacks {
  /** bytes sent so far out of the total */
  onProgress: (sent: number, total: number) => void;
  /** every byte is out; the server is working on it */
  onUploaded: () => void;
}

export function postJsonWithProgress<T>(path: string, body: unknown, callbacks: UploadCallbacks): Promise<T> {
  const payload = JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      callbacks.onProgress(event.loaded, event.lengthComputable ? event.total : payload.length);
    };
    xhr.upload.onload = () => callbacks.onUploaded();
    xhr.onerror = () => reject(new NetworkError());
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parsed as T);
        return;
      }
      const error = (
        parsed as { error?: { code?: string; message?: string; messageEn?: string; details?: unknown } }
      )?.error;
      reject(
        error?.message
          ? new ApiError(xhr.status, error.code ?? 'ERROR', error.message, error.messageEn, error.details)
          : new ApiError(
              xhr.status,
              'HTTP_ERROR',
              xhr.status === 413 ? '文件过大' : `服务器错误（HTTP ${xhr.status}）`,
            ),
      );
    };
    xhr.send(payload);
  });
}
