declare module "../../types/fact.js" {
  interface FactTypes {
    /** A PyTorch checkpoint's layout: the zip format, the legacy stacked-pickle format, or the 0.1.x tar format. */
    "torch.checkpoint": {
      layout: "zip" | "legacy" | "tar";
      /** The zip's top folder (`archive`, or the file's stem for older writers). */
      prefix?: string;
      /** Members read as pickles (data.pkl, constants.pkl, and any other member whose bytes are a pickle). */
      pickleMembers: string[];
      /** Tensor storage members (never read beyond their first bytes). */
      storages: number;
      /** TorchScript archives carry Python source under `code/`. */
      torchscript: boolean;
      version?: string;
    };
    /** A pickle where PyTorch's writer never puts one (CVE-2025-1889: `torch.load(..., pickle_file=...)` loads any member). */
    "torch.unexpected-pickle": { entry: string; reason: string };
  }
}

export {};
