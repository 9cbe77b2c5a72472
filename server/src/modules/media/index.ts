export { checkImage, type StoredImage, storeImage } from './media.service.js';
