declare module "seek-bzip" {
  interface ByteWriter {
    writeByte(b: number): void;
  }
  interface ByteReader {
    readByte(): number;
    eof(): boolean;
  }
  const Bunzip: {
    decode(input: Uint8Array | ByteReader, output?: number | Uint8Array | ByteWriter, multistream?: boolean): Uint8Array;
  };
  export default Bunzip;
}
