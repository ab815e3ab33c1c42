/**
 * OpenFormModel: the open form's draft (the image picked and the notebook URL
 * as pasted) and the images to pick from. Kept in the shared model rather than
 * in the form's view, so the palette's Open uses the same values. It follows
 * the instance: a resumed one shows the image it runs and the notebook it was
 * opened with, and a notebook loaded into it replaces the one shown unless the
 * person typed another (picking another stays possible).
 */
import { ISignal, Signal } from '@lumino/signaling';

import { IImage, IImagesReply, INotebook } from './contracts';
import { draftAfter } from './loadedNotebook';
import { instanceNotebookUrl } from './openIntent';
import type { FormChange, IOpenFormModel } from './tokens';

/** The fields' documentation is on IOpenFormModel (tokens.ts). */
export class OpenFormModel implements IOpenFormModel {
  get changed(): ISignal<this, FormChange> {
    return this._changed;
  }
  get images(): readonly IImage[] {
    return this._images;
  }
  get selectedImageId(): string {
    return this._imageId;
  }
  get shareText(): string {
    return this._shareText;
  }

  get selectedImage(): IImage | null {
    return this._images.find(image => image.id === this._imageId) ?? null;
  }

  get defaultImageId(): string {
    const wanted = this._defaultImage.trim();
    const byName = this._images.find(
      image => wanted && [image.id, image.name, `${image.name}:${image.tag}`].includes(wanted)
    );
    const fallback = this._images.find(image => image.id === this._serverDefault);
    return (byName ?? fallback ?? this._images.find(i => i.default) ?? this._images[0])?.id ?? '';
  }

  setDraft(draft: { imageId?: string; shareText?: string }): void {
    this._imageId = draft.imageId ?? this._imageId;
    this._shareText = draft.shareText ?? this._shareText;
    this._changed.emit('draft');
  }

  /** The server's images; the picked one stays when it is still offered. */
  setImages(reply: IImagesReply): void {
    this._images = reply.images;
    this._serverDefault = reply.default_image_id;
    this._changed.emit('images');
    if (!this._images.some(image => image.id === this._imageId)) {
      this._imageId = this.defaultImageId;
      this._changed.emit('draft');
    }
  }

  /** The `defaultImage` setting (an id, a name or name:tag): it moves the pick only when none was made. */
  setDefaultImage(wanted: string): void {
    const hadChoice = this._imageId && this._imageId !== this.defaultImageId;
    this._defaultImage = wanted;
    if (!hadChoice) {
      this._imageId = this.defaultImageId;
      this._changed.emit('draft');
    }
  }

  /** The instance changed: a resumed or switched one shows its notebook and image. */
  followInstance(notebook: INotebook | null): void {
    const previous = this._followed;
    this._followed = notebook;
    const before = [this._shareText, this._imageId].join('\n');
    this._shareText = draftAfter(previous, notebook, this._shareText);
    const imageId = notebook?.image?.id;
    if (imageId && imageId !== previous?.image?.id && this._images.some(image => image.id === imageId)) {
      this._imageId = imageId;
    }
    if ([this._shareText, this._imageId].join('\n') !== before) {
      this._changed.emit('draft');
    }
  }

  /** Another account's instance is not ours to reopen: forget its notebook URL unless the person typed another. */
  forgetInstance(): void {
    if (this._followed && this._shareText === instanceNotebookUrl(this._followed)) {
      this._shareText = '';
      this._changed.emit('draft');
    }
    this._followed = null;
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _changed = new Signal<this, FormChange>(this);
  private _images: IImage[] = [];
  private _serverDefault: string | null = null;
  private _defaultImage = '';
  private _imageId = '';
  private _shareText = '';
  private _followed: INotebook | null = null;
}
