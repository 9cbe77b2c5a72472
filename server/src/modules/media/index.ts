export { type StoredImage, storeImage } from './media.service.js';
