declare module "../../types/fact.js" {
  interface FactTypes {
    /** One .npy header (a file, or a member of an .npz). */
    "numpy.array": {
      version: string;
      descr: string;
      shape: number[];
      fortranOrder: boolean;
      /** Object dtype: the data is a pickle, loaded only with allow_pickle=True. */
      objectDtype: boolean;
      dataOffset: number;
      /** Bytes the header implies (undefined for object or unparsed dtypes). */
      expectedDataBytes?: number;
      actualDataBytes: number;
    };
  }
}

export {};
