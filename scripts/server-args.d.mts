export declare const SERVER_ENTRY: string;
export declare const SERVER_ARGS: string[];
export declare function consoleBuilt(root?: string): boolean;
export declare function sourceChangedSinceBuild(root?: string): string | null;
